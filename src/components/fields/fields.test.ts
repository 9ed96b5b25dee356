import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NumberSpec, ParseResult } from '../../domain/number-spec';
import { NumberField, type NumberFieldProps } from './NumberField';
import { SelectField } from './SelectField';

const SPEC: NumberSpec = { min: 1e-5, max: 10, integer: false, step: 0.01, stepBase: 0 };
const parse = (raw: string): ParseResult => {
  const value = Number(raw);
  return value >= SPEC.min && value <= SPEC.max
    ? { ok: true, value }
    : { ok: false, message: 'bad' };
};
const number = (props: Partial<NumberFieldProps>) =>
  renderToStaticMarkup(
    createElement(NumberField, {
      label: 'Learning rate',
      value: 0.05,
      spec: SPEC,
      parse,
      onCommit: () => {},
      ...props,
    }),
  );
const attr = (html: string, tag: string, name: string) =>
  new RegExp(`<${tag}[^>]* ${name}="([^"]*)"`).exec(html)?.[1];

describe('NumberField', () => {
  it('labels its input and shows the value with the range as attributes', () => {
    const html = number({});
    const id = attr(html, 'input', 'id');
    expect(attr(html, 'label', 'for')).toBe(id);
    expect(html).toContain('>Learning rate</label>');
    expect(attr(html, 'input', 'value')).toBe('0.05');
    // Spinner steps count from stepBase, not from min (see NumberSpec).
    expect(attr(html, 'input', 'min')).toBe('0');
    expect(attr(html, 'input', 'max')).toBe('10');
    expect(attr(html, 'input', 'aria-invalid')).toBeUndefined();
  });

  it('describes the input by its help tip and its hint', () => {
    const html = number({ help: 'What it does', hint: 'Fraction of all steps' });
    const id = attr(html, 'input', 'id')!;
    expect(attr(html, 'input', 'aria-describedby')).toBe(`${id}-help ${id}-hint`);
    expect(html).toContain('aria-label="About Learning rate"');
    expect(html).toMatch(new RegExp(`role="tooltip" id="${id}-help"[^>]*>What it does<`));
    expect(html).toContain('>Fraction of all steps</span>');
  });

  it('shows a broken rule as the error in place of the hint', () => {
    const html = number({ hint: 'Fraction of all steps', problem: 'At most the subset' });
    const id = attr(html, 'input', 'id')!;
    expect(attr(html, 'input', 'aria-invalid')).toBe('true');
    expect(attr(html, 'input', 'aria-describedby')).toBe(`${id}-error`);
    expect(html).toContain('>At most the subset</span>');
    expect(html).not.toContain('Fraction of all steps');
  });
});

describe('SelectField', () => {
  it('selects the typed value among its options', () => {
    const html = renderToStaticMarkup(
      createElement(SelectField<number>, {
        label: 'Grid size',
        value: 21,
        options: [
          { value: 11, label: '11 × 11' },
          { value: 21, label: '21 × 21' },
        ],
        onChange: () => {},
        hint: '441 evaluations',
      }),
    );
    expect(html).toContain('>Grid size</label>');
    expect(html).toMatch(/<option value="21" selected="">21 × 21<\/option>/);
    expect(attr(html, 'select', 'aria-describedby')).toMatch(/-hint$/);
  });
});
