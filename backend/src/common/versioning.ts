import type { FastifyReply } from 'fastify';
import { ProblemException } from './problem.exception';

/** ETag of a versioned record: its version, quoted. */
export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

/**
 * The version an update is based on: from `If-Match` when sent (then it must agree
 * with a version in the body), else from the body.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): number {
  if (ifMatch) {
    const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!match) throw new ProblemException(400, 'malformed_request', 'If-Match must be the ETag you read, e.g. "3"');
    const version = Number(match[1]);
    if (bodyVersion !== undefined && bodyVersion !== version) {
      throw new ProblemException(412, 'precondition_failed', 'If-Match and the version in the body disagree');
    }
    return version;
  }
  if (bodyVersion === undefined) {
    throw new ProblemException(428, 'precondition_failed', 'Send the version you read (body "version" or If-Match)');
  }
  return bodyVersion;
}

export function staleVersion(what: string, currentVersion: number): ProblemException {
  return new ProblemException(
    409,
    'conflict',
    `Someone else changed this ${what} since you opened it; reload it and apply your change again`,
    undefined,
    { currentVersion },
  );
}
