import { Inject, Injectable } from '@nestjs/common';
import type { Contact } from '@billinator/contracts';
import { DATABASE, Database } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';

interface ContactRow {
  id: string;
  customer_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ContactRecord {
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
}

const COLUMNS = 'id, customer_id, name, email, phone, position, created_at, updated_at, version';

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

@Injectable()
export class ContactsRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly context: RequestContext,
  ) {}

  async listOfCustomer(customerId: string): Promise<Contact[]> {
    const rows = await this.db.query<ContactRow>(
      `SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND customer_id = $2 ORDER BY name, id`,
      [this.context.tenantId, customerId],
    );
    return rows.map(toContact);
  }

  async findById(customerId: string, id: string): Promise<Contact | null> {
    const rows = await this.db.query<ContactRow>(
      `SELECT ${COLUMNS} FROM contacts WHERE tenant_id = $1 AND customer_id = $2 AND id = $3`,
      [this.context.tenantId, customerId, id],
    );
    return rows[0] ? toContact(rows[0]) : null;
  }

  async insert(id: string, customerId: string, c: ContactRecord, at: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO contacts (id, tenant_id, customer_id, name, email, phone, position, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMPTZ), CAST($8 AS TIMESTAMPTZ), 1)`,
      [id, this.context.tenantId, customerId, c.name, c.email, c.phone, c.position, at],
    );
  }

  async update(customerId: string, id: string, version: number, c: ContactRecord, at: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE contacts SET name = $5, email = $6, phone = $7, position = $8, updated_at = CAST($9 AS TIMESTAMPTZ), version = version + 1
       WHERE tenant_id = $1 AND customer_id = $2 AND id = $3 AND version = $4`,
      [this.context.tenantId, customerId, id, version, c.name, c.email, c.phone, c.position, at],
    );
    return changed === 1;
  }

  /** Deletes a contact; activities that named it keep their customer and lose only the contact. */
  async delete(customerId: string, id: string): Promise<void> {
    await this.db.execute('UPDATE activities SET contact_id = NULL WHERE tenant_id = $1 AND contact_id = $2', [
      this.context.tenantId,
      id,
    ]);
    await this.db.execute('DELETE FROM contacts WHERE tenant_id = $1 AND customer_id = $2 AND id = $3', [
      this.context.tenantId,
      customerId,
      id,
    ]);
  }

  async deleteOfCustomer(customerId: string): Promise<void> {
    await this.db.execute('DELETE FROM contacts WHERE tenant_id = $1 AND customer_id = $2', [
      this.context.tenantId,
      customerId,
    ]);
  }
}
