import { compileCel, evaluateCelCondition } from './cel-expression.js';

const event = { type: 'invoice.paid', data: { amount: 1500, currency: 'EUR', tags: ['vip'] } };

describe('compileCel', () => {
  it('compiles a filter once and evaluates it against events', () => {
    const compiled = compileCel('data.amount >= 1000 && data.currency == "EUR"', 'trigger.filter');
    if (!compiled.ok) throw new Error('expected to compile');

    expect(evaluateCelCondition(compiled.value, event)).toBe(true);
    expect(evaluateCelCondition(compiled.value, { ...event, data: { amount: 999, currency: 'EUR' } })).toBe(
      false,
    );
    expect(
      evaluateCelCondition(compiled.value, { ...event, data: { amount: 1000.5, currency: 'EUR' } }),
    ).toBe(true);
  });

  it('supports macros and string functions', () => {
    const compiled = compileCel(
      '"vip" in data.tags && data.currency.startsWith("E") && data.tags.exists(t, t == "vip")',
      'filter',
    );
    expect(compiled.ok && evaluateCelCondition(compiled.value, event)).toBe(true);
  });

  it('names the field and the reason when the expression does not parse', () => {
    expect(compileCel('data.amount >= ', 'steps[1].expression')).toEqual({
      ok: false,
      errors: [
        { path: 'steps[1].expression', message: 'is not a valid CEL expression: Unexpected token: EOF' },
      ],
    });
  });

  it('refuses a non-boolean result and a missing field at evaluation', () => {
    const total = compileCel('data.amount + 1.0', 'filter');
    const missing = compileCel('data.missing > 1', 'filter');
    if (!total.ok || !missing.ok) throw new Error('expected to compile');

    expect(() => evaluateCelCondition(total.value, event)).toThrow('not a boolean');
    expect(() => evaluateCelCondition(missing.value, event)).toThrow('No such key: missing');
  });
});
