import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CreateProductRequest,
  ImportReport,
  ListResponse,
  Product,
  ProductKind,
  UpdateProductRequest,
} from '@billinator/contracts';
import { CsvResource, DownloadedFile, downloadFile, uploadCsv } from './csv-file';
import { toParams } from './http-params';

const API = '/api/v1/products';

export interface ProductFilters {
  q?: string;
  sort?: string;
  active?: boolean;
  kind?: ProductKind;
  lowStock?: boolean;
}

export interface ProductListQuery extends ProductFilters {
  limit: number;
  offset: number;
}

@Injectable({ providedIn: 'root' })
export class ProductsApi implements CsvResource {
  private readonly http = inject(HttpClient);

  list(query: ProductListQuery): Observable<ListResponse<Product>> {
    return this.http.get<ListResponse<Product>>(API, { params: toParams(query) });
  }

  get(id: string): Observable<Product> {
    return this.http.get<Product>(`${API}/${encodeURIComponent(id)}`);
  }

  create(request: CreateProductRequest): Observable<Product> {
    return this.http.post<Product>(API, request);
  }

  update(id: string, request: UpdateProductRequest): Observable<Product> {
    return this.http.patch<Product>(`${API}/${encodeURIComponent(id)}`, request);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${API}/${encodeURIComponent(id)}`);
  }

  exportCsv(filters: ProductFilters): Observable<DownloadedFile> {
    return downloadFile(this.http, `${API}/export`, toParams(filters), 'products.csv');
  }

  importCsv(text: string, dryRun: boolean): Observable<ImportReport> {
    return uploadCsv(this.http, `${API}/import`, text, dryRun);
  }
}
