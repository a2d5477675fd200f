import { ProblemException } from './problem.exception';

/** The body of an import: CSV text sent as text/csv. */
export function requireCsvBody(body: unknown): string {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new ProblemException(
      415,
      'unsupported_media_type',
      'Send the CSV file as the request body with Content-Type: text/csv',
    );
  }
  return body;
}
