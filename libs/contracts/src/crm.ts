/**
 * CRM: opportunities on a pipeline, quotes that become invoices, activities, notes,
 * and the customer timeline that brings them together with documents and payments.
 */

export const OPPORTUNITY_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

/** Default probability (%) per stage when none is given. */
export const STAGE_PROBABILITY: Readonly<Record<OpportunityStage, number>> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

export interface Opportunity {
  id: string;
  title: string;
  /** A customer, or a prospect by name (one of the two). */
  customerId: string | null;
  customerName: string | null;
  prospectName: string | null;
  value: string;
  stage: OpportunityStage;
  lostReason: string | null;
  /** 0–100. */
  probability: number;
  /** value × probability / 100, rounded to cents. */
  weightedValue: string;
  expectedCloseDate: string | null;
  ownerId: string;
  ownerName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface OpportunityInput {
  title: string;
  customerId?: string | null;
  prospectName?: string | null;
  value: string;
  stage?: OpportunityStage;
  lostReason?: string | null;
  probability?: number;
  expectedCloseDate?: string | null;
  ownerId?: string;
}

export type UpdateOpportunityRequest = Partial<OpportunityInput> & { version: number };

export interface PipelineColumn {
  stage: OpportunityStage;
  count: number;
  total: string;
  weighted: string;
}

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired', 'converted'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

export const ACTIVITY_TYPES = ['call', 'meeting', 'email', 'task'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface Activity {
  id: string;
  type: ActivityType;
  subject: string;
  details: string | null;
  /** ISO timestamp. */
  dueAt: string;
  assigneeId: string;
  assigneeName: string;
  done: boolean;
  doneAt: string | null;
  overdue: boolean;
  customerId: string | null;
  customerName: string | null;
  opportunityId: string | null;
  opportunityTitle: string | null;
  contactId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ActivityInput {
  type: ActivityType;
  subject: string;
  details?: string | null;
  dueAt: string;
  assigneeId?: string;
  done?: boolean;
  customerId?: string | null;
  opportunityId?: string | null;
  contactId?: string | null;
}

export interface Note {
  id: string;
  body: string;
  customerId: string | null;
  opportunityId: string | null;
  authorId: string;
  authorName: string;
  createdAt: string;
}

export interface NoteInput {
  body: string;
  customerId?: string | null;
  opportunityId?: string | null;
}

export const TIMELINE_KINDS = [
  'invoice',
  'credit_note',
  'payment',
  'quote',
  'opportunity',
  'activity',
  'note',
  'contact',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One event on a customer's timeline, newest first. */
export interface TimelineEntry {
  kind: TimelineKind;
  id: string;
  at: string;
  title: string;
  detail: string | null;
  amount: string | null;
  status: string | null;
}
