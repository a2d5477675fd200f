import type { ActivityType, OpportunityStage } from '@billinator/contracts';

export const STAGE_LABELS: Readonly<Record<OpportunityStage, string>> = {
  lead: 'Lead',
  qualified: 'Qualified',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  won: 'Won',
  lost: 'Lost',
};

/** Won and lost are the end of the road: their close dates are history, not deadlines. */
export function isClosedStage(stage: OpportunityStage): boolean {
  return stage === 'won' || stage === 'lost';
}

export const ACTIVITY_TYPE_LABELS: Readonly<Record<ActivityType, string>> = {
  call: 'Call',
  meeting: 'Meeting',
  email: 'E-mail',
  task: 'Task',
};

export const ACTIVITY_TYPE_ICONS: Readonly<Record<ActivityType, string>> = {
  call: 'call',
  meeting: 'groups',
  email: 'mail',
  task: 'task_alt',
};

/** "Ada Lovelace" → "AL"; one name → its first two letters. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Today in the browser's time zone, `YYYY-MM-DD`. */
export function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A `YYYY-MM-DD` date before today (string order is date order). */
export function isPastDate(date: string | null | undefined): boolean {
  return !!date && date < localToday();
}

/** An ISO timestamp split into the local date and time an `<input type=date|time>` shows. */
export function localDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** A local date and time back to an ISO timestamp (UTC). */
export function toIsoTimestamp(date: string, time: string): string {
  return new Date(`${date}T${time || '09:00'}`).toISOString();
}
