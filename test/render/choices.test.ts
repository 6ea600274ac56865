import { describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../src/render/discord/choices.ts';
import { LIMITS } from '../../src/render/discord/limits.ts';

describe('autocomplete choices for Discord', () => {
  it('keeps to 25 choices and cuts long names, from completions the core gives in full', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ name: `zone ${i} ${'x'.repeat(i % 3 === 0 ? 150 : 5)}`, value: `zone-${i}` }));
    const choices = autocompleteChoices(many, false);
    expect(choices).toHaveLength(LIMITS.autocompleteChoices);
    expect(choices.map((choice) => choice.value)).toEqual(many.slice(0, LIMITS.autocompleteChoices).map((choice) => choice.value));
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
    expect(choices[0]?.name.endsWith('…')).toBe(true);
  });

  it('leaves out a value too long to send rather than cutting it into another value', () => {
    const long = `China, ${'Japan, '.repeat(20)}Korea`;
    const fits = { name: 'China, Japan', value: 'China, Japan' };
    expect(autocompleteChoices([{ name: long, value: long }, fits], false)).toEqual([fits]);
  });

  it('gives an integer option numbers only', () => {
    const choices = [
      { name: '#1 daily', value: '1' },
      { name: 'not a number', value: 'x' },
    ];
    expect(autocompleteChoices(choices, true)).toEqual([{ name: '#1 daily', value: 1 }]);
  });
});
