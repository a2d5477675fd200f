import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Role } from '@billinator/contracts';
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
    });
    this.logger.log('demo business created');
    return true;
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
