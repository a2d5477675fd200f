import type { FastifyReply } from 'fastify';

/** Sends CSV as a download named after the resource and the day. */
export function csvReply(reply: FastifyReply, name: string, csv: string): string {
  const day = new Date().toISOString().slice(0, 10);
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${day}.csv"`);
  return csv;
}
