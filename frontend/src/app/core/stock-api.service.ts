import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ListResponse,
  Product,
  StockAdjustmentRequest,
  StockLevel,
  StockMovement,
  StockValuation,
} from '@billinator/contracts';
import { toParams } from './http-params';

const API = '/api/v1/stock';

export interface StockLevelsQuery {
  limit: number;
  offset: number;
  q?: string;
  lowStock?: boolean;
}

@Injectable({ providedIn: 'root' })
export class StockApi {
  private readonly http = inject(HttpClient);

  levels(query: StockLevelsQuery): Observable<ListResponse<StockLevel>> {
    return this.http.get<ListResponse<StockLevel>>(`${API}/levels`, { params: toParams(query) });
  }

  /** The stock card of one product, newest first, with the running balance. */
  movements(productId: string, limit: number, offset: number): Observable<ListResponse<StockMovement>> {
    return this.http.get<ListResponse<StockMovement>>(`${API}/movements`, {
      params: toParams({ productId, limit, offset }),
    });
  }

  valuation(): Observable<StockValuation> {
    return this.http.get<StockValuation>(`${API}/valuation`);
  }

  /** Answers the product with its new on-hand quantity. */
  adjust(request: StockAdjustmentRequest): Observable<Product> {
    return this.http.post<Product>(`${API}/adjustments`, request);
  }
}
