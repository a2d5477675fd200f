import { auditHashPayload, canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('gives equal text for equal values built in any order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('chains the previous hash into the hashed payload', () => {
    const record = {
      tenantId: 't',
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actorId: null,
      actorEmail: null,
      ip: null,
      requestId: null,
      action: 'a',
      entityType: 'e',
      entityId: null,
      before: null,
      after: { b: 2, a: 1 },
      prevHash: 'f'.repeat(64),
    };
    const payload = auditHashPayload(record);
    expect(payload.startsWith(`${'f'.repeat(64)}\n{`)).toBe(true);
    expect(payload).toContain('"after":{"a":1,"b":2}');
  });
});
