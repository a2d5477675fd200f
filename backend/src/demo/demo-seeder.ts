import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { OpportunityStage, Role } from '@billinator/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthService } from '../auth/auth.service';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { ProductsService } from '../inventory/products.service';
import { CustomersService } from '../sales/customers.service';
import { ContactsService } from '../sales/contacts.service';
import { SuppliersService } from '../purchase/suppliers.service';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, DEMO_SUPPLIERS } from './demo-data';
import { RequestContext } from '../tenancy/request-context';
import { addDays, today } from '../common/date.validator';
import { CorrectionsService } from '../documents/corrections.service';
import { DocumentsService } from '../documents/documents.service';
import { PaymentsService } from '../documents/payments.service';
import { ActivitiesService } from '../crm/activities.service';
import { NotesService } from '../crm/notes.service';
import { OpportunitiesService } from '../crm/opportunities.service';
import { QuotesService } from '../crm/quotes.service';
import { ListProductsQueryDto } from '../inventory/dto/product.dto';
import { ListPartiesQueryDto } from '../parties/party.dto';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_OWNER_EMAIL = 'owner@demo.billinator.test';

const DEMO_STAFF: { email: string; name: string; role: Role }[] = [
  { email: 'accountant@demo.billinator.test', name: 'Alex Accountant', role: 'accountant' },
  { email: 'sales@demo.billinator.test', name: 'Sam Sales', role: 'sales' },
  { email: 'stock@demo.billinator.test', name: 'Ivy Inventory', role: 'inventory' },
  { email: 'auditor@demo.billinator.test', name: 'Aud Itor', role: 'auditor' },
];

/**
 * On first start with SEED_DEMO=true, creates a demo business through the same
 * services a user would call, and prints its sign-ins.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly context: RequestContext,
    private readonly cls: ClsService,
    private readonly products: ProductsService,
    private readonly customers: CustomersService,
    private readonly contacts: ContactsService,
    private readonly suppliers: SuppliersService,
    private readonly documents: DocumentsService,
    private readonly corrections: CorrectionsService,
    private readonly payments: PaymentsService,
    private readonly opportunities: OpportunitiesService,
    private readonly quotes: QuotesService,
    private readonly activities: ActivitiesService,
    private readonly notes: NotesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const created = await this.cls.run(() => this.seed());
    this.printCredentials(created);
  }

  private async seed(): Promise<boolean> {
    if (await this.usersRepository.emailExists(DEMO_OWNER_EMAIL)) return false;
    const owner = await this.auth.signup(
      {
        tenantName: 'Demo Trading Co.',
        name: 'Olivia Owner',
        email: DEMO_OWNER_EMAIL,
        password: DEMO_PASSWORD,
        currency: 'EUR',
        taxId: 'EU123456789',
        address: '1 Market Street, Springfield',
        invoicePrefix: 'INV',
      },
      'demo-seeder',
    );
    const actor = {
      userId: owner.user.id,
      tenantId: owner.user.tenant.id,
      email: owner.user.email,
      role: 'owner' as const,
      sessionId: 'demo-seeder',
    };
    await this.context.runAs(actor.tenantId, actor, async () => {
      for (const staff of DEMO_STAFF) await this.users.create({ ...staff, password: DEMO_PASSWORD });
      for (const product of DEMO_PRODUCTS) await this.products.create(product);
      for (const { contacts, ...customer } of DEMO_CUSTOMERS) {
        const created = await this.customers.create(customer);
        for (const contact of contacts) await this.contacts.create(created.id, contact);
      }
      for (const supplier of DEMO_SUPPLIERS) await this.suppliers.create(supplier);
      await this.seedDocuments();
    });
    this.logger.log('demo business created');
    return true;
  }

  /** A few weeks of trading: bills, invoices (paid, part-paid, overdue, draft), a credit note. */
  private async seedDocuments(): Promise<void> {
    const products = new Map(
      (await this.products.list(Object.assign(new ListProductsQueryDto(), { limit: 100 }))).items.map((p) => [
        p.sku,
        p,
      ]),
    );
    const customers = (await this.customers.list(Object.assign(new ListPartiesQueryDto(), { limit: 100 }))).items;
    const suppliers = (await this.suppliers.list(Object.assign(new ListPartiesQueryDto(), { limit: 100 }))).items;
    const line = (sku: string, quantity: string, price?: string, discountPercent = '0') => {
      const product = products.get(sku)!;
      return {
        productId: product.id,
        quantity,
        unitPrice: price ?? product.salePrice,
        discountPercent,
        taxRate: product.taxRate,
      };
    };
    const day = (offset: number) => addDays(today(), offset);
    const [cafe, hotel, greenleaf] = ['Corner Café Ltd', 'Hotel Seeblick', 'Greenleaf Organic Store'].map(
      (name) => customers.find((c) => c.name === name)!.id,
    );
    const darjeeling = suppliers.find((s) => s.name.startsWith('Darjeeling'))!.id;

    const bill = await this.documents.create('purchase_invoice', {
      supplierId: darjeeling,
      supplierBillNumber: 'DEI-5531',
      issueDate: day(-40),
      lines: [line('TEA-GRN-100', '80', '3.30'), line('TEA-BLK-250', '40', '4.90')],
    });
    await this.documents.issue('purchase_invoice', bill.id, undefined);
    await this.payments.create('made', {
      supplierId: darjeeling,
      date: day(-10),
      amount: '300.00',
      method: 'bank_transfer',
      reference: 'DEI-5531',
    });

    const invoice = async (customerId: string, offset: number, lines: ReturnType<typeof line>[], issue = true) => {
      const draft = await this.documents.create('sales_invoice', { customerId, issueDate: day(offset), lines });
      return issue ? this.documents.issue('sales_invoice', draft.id, undefined) : draft;
    };
    const paid = await invoice(cafe, -35, [line('TEA-GRN-100', '24'), line('TEA-BLK-250', '12', undefined, '5')]);
    await this.payments.create('received', {
      customerId: cafe,
      date: day(-20),
      amount: paid.total,
      method: 'bank_transfer',
      reference: 'Transfer 0412',
    });
    await invoice(hotel, -45, [line('TEA-BLK-250', '20'), line('TEA-GRN-100', '30')]);
    await this.payments.create('received', { customerId: hotel, date: day(-12), amount: '150.00', method: 'card' });
    const returned = await invoice(greenleaf, -8, [line('TEA-RBS-100', '6'), line('TEA-GRN-100', '10')]);
    await this.corrections.create('credit_note', {
      invoiceId: returned.id,
      issueDate: day(-6),
      reason: 'Two tins arrived dented',
      lines: [{ invoiceLineId: returned.lines[1].id, quantity: '2' }],
    });
    await invoice(cafe, -3, [line('TEA-BLK-250', '6'), line('TEA-RBS-100', '4')]);
    await invoice(hotel, 0, [line('TEA-GRN-100', '12')], false);

    // The pipeline: a few deals in every stage, a quote on its way, things to do.
    const deal = (title: string, value: string, stage: OpportunityStage, customerId: string | null, close: number) =>
      this.opportunities.create({
        title,
        value,
        stage,
        ...(customerId ? { customerId } : { prospectName: 'Lindenhof Bakery' }),
        ...(stage === 'lost' ? { lostReason: 'Chose a cheaper supplier' } : {}),
        expectedCloseDate: day(close),
      });
    const breakfast = await deal('Hotel breakfast tea contract', '12000.00', 'negotiation', hotel, 14);
    await deal('Café seasonal blends', '2400.00', 'proposal', cafe, 21);
    await deal('Organic shelf listing', '3600.00', 'qualified', greenleaf, 45);
    await deal('Bakery tea corner', '900.00', 'lead', null, 60);
    await deal('Café cold brew pilot', '650.00', 'won', cafe, -5);
    await deal('Greenleaf gift boxes', '1200.00', 'lost', greenleaf, -20);
    const quote = await this.quotes.create({
      customerId: hotel,
      opportunityId: breakfast.id,
      issueDate: day(-2),
      validUntil: day(28),
      lines: [line('TEA-BLK-250', '200', '8.90', '5'), line('TEA-GRN-100', '150', '6.40', '5')],
    });
    await this.quotes.send(quote.id, undefined);
    const me = this.context.actor!.userId;
    await this.activities.create({
      type: 'call',
      subject: 'Follow up on the breakfast tea quote',
      dueAt: `${day(-1)}T09:00:00.000Z`,
      assigneeId: me,
      customerId: hotel,
      opportunityId: breakfast.id,
    });
    await this.activities.create({
      type: 'meeting',
      subject: 'Tasting session at Corner Café',
      dueAt: `${day(3)}T14:30:00.000Z`,
      assigneeId: me,
      customerId: cafe,
    });
    await this.notes.create({
      body: 'Jonas prefers delivery on Tuesdays; invoices by e-mail to accounts@seeblick.example.',
      customerId: hotel,
    });
  }

  private printCredentials(created: boolean): void {
    const url = `http://localhost:${this.config.port}`;
    const lines = [
      '',
      '================ Billinator demo ================',
      `  ${created ? 'Created' : 'Using'} the demo business "Demo Trading Co."`,
      `  Open ${url} and sign in with any of:`,
      `    ${DEMO_OWNER_EMAIL.padEnd(34)} (owner)`,
      ...DEMO_STAFF.map((s) => `    ${s.email.padEnd(34)} (${s.role})`),
      `  Password for all: ${DEMO_PASSWORD}`,
      '==================================================',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
}
