import { Injectable } from '@nestjs/common';
import type { TimelineEntry } from '@billinator/contracts';
import { today } from '../common/date.validator';
import { ProblemException } from '../common/problem.exception';
import { EngagementRefsRepository } from './engagement-refs.repository';
import { TimelineRepository } from './timeline.repository';

/**
 * A customer's timeline: invoices, credit notes, quotes, payments received,
 * opportunities, activities, notes and contacts, newest first.
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly refs: EngagementRefsRepository,
  ) {}

  async ofCustomer(customerId: string, limit: number): Promise<TimelineEntry[]> {
    if (!(await this.refs.customerExists(customerId))) {
      throw new ProblemException(404, 'not_found', `No customer with id ${customerId}`);
    }
    return this.timeline.ofCustomer(customerId, today(), limit);
  }
}
