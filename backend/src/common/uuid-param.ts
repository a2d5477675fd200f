import { ProblemException } from './problem.exception';

/** An id that cannot exist is simply not found; it says nothing about other tenants. */
export function notFoundUuid(): ProblemException {
  return new ProblemException(404, 'not_found', 'No record with this id');
}
