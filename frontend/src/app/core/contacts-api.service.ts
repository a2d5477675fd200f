import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type { Contact, ContactInput } from '@billinator/contracts';

const base = (customerId: string) => `/api/v1/customers/${encodeURIComponent(customerId)}/contacts`;

@Injectable({ providedIn: 'root' })
export class ContactsApi {
  private readonly http = inject(HttpClient);

  list(customerId: string): Observable<Contact[]> {
    return this.http.get<Contact[]>(base(customerId));
  }

  create(customerId: string, request: ContactInput): Observable<Contact> {
    return this.http.post<Contact>(base(customerId), request);
  }

  update(customerId: string, id: string, request: Partial<ContactInput> & { version: number }): Observable<Contact> {
    return this.http.patch<Contact>(`${base(customerId)}/${encodeURIComponent(id)}`, request);
  }

  delete(customerId: string, id: string): Observable<void> {
    return this.http.delete<void>(`${base(customerId)}/${encodeURIComponent(id)}`);
  }
}
