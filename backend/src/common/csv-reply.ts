import type { FastifyReply } from 'fastify';

/** Sends CSV as a download named after the resource and the day. */
export function csvReply(reply: FastifyReply, name: string, csv: string): string {
  const day = new Date().toISOString().slice(0, 10);
  return csvDownload(reply, `${name}-${day}.csv`, csv);
}

/** Sends CSV as a download with the given file name. */
export function csvDownload(reply: FastifyReply, filename: string, csv: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`);
  return csv;
}
