// `npm run seed:demo -- --invoices N [--tenants T] [--database URL] [--first-tenant K] [--months M] [--batch B]`
// Builds T tenants (owner@history-K.billinator.test …), each with about two years of trading and
// N sales invoices, through the services, in the database the server would use.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/app-config';
import { HistoryGenerator } from './history-generator';

function args(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`Unexpected argument ${argv[i]}`);
    out[match[1]] = match[2] ?? argv[++i] ?? '';
  }
  return out;
}

function positive(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got "${value ?? ''}")`);
  return n;
}

async function main(): Promise<void> {
  const options = args(process.argv.slice(2));
  const invoices = positive(options['invoices'], 'invoices');
  const tenants = positive(options['tenants'], 'tenants', 1);
  const firstTenant = positive(options['first-tenant'], 'first-tenant', 1);
  const months = positive(options['months'], 'months', 24);
  const batchSize = positive(options['batch'], 'batch', 2000);
  if (options['database']) process.env['DATABASE_URL'] = options['database'];
  process.env['LOG_LEVEL'] ??= 'warn';
  let config;
  try {
    config = { ...loadConfig(), seedDemo: false };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  const generator = app.get(HistoryGenerator);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Database: ${config.databaseUrl}`);
  try {
    for (let t = 0; t < tenants; t++) {
      const index = firstTenant + t;
      say(`\n== tenant ${index}: ${invoices} invoices over ${months} months`);
      const r = await generator.generate({
        invoices,
        tenantIndex: index,
        months,
        batchSize,
        progress: (message) => say(`  ${message}`),
      });
      say(
        [
          `  ${r.reused ? 'Extended' : 'Created'} "${r.tenantName}" (tenant ${r.tenantId}) in ${r.seconds.toFixed(1)} s`,
          `  ${r.invoices} invoices (${r.lines} lines, ${(r.invoices / r.seconds).toFixed(0)} invoices/s overall), ` +
            `${r.creditNotes} credit notes, ${r.bills} bills, ${r.paymentsReceived} payments received, ` +
            `${r.paymentsMade} payments made`,
          `  ${r.products} products, ${r.customers} customers, ${r.suppliers} suppliers`,
          `  Sign in: ${r.email} / ${r.password}`,
        ].join('\n'),
      );
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
