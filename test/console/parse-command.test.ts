import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import { parseCommandLine } from '../../src/console/parse-command.ts';
import { completeLine } from '../../src/console/repl.ts';

function options(line: string) {
  const parsed = parseCommandLine(line, COMMANDS);
  if (!parsed.ok) throw new Error(parsed.message);
  return { command: parsed.command.data.name, options: parsed.options };
}

describe('parseCommandLine', () => {
  it('takes bare text as /ask', () => {
    expect(options('who mines the most?')).toEqual({ command: 'ask', options: { question: 'who mines the most?' } });
  });

  it('lets a value run to the next option, spaces included', () => {
    expect(options('/country name:United States')).toEqual({ command: 'country', options: { name: 'United States' } });
    expect(options('/restrictions country:South Korea material:Dy status:in-force')).toEqual({
      command: 'restrictions',
      options: { country: 'South Korea', material: 'Dy', status: 'in-force' },
    });
  });

  it('does not split a value on a colon that is not an option name', () => {
    expect(options('/ask question:what is the ratio: REO to magnet?')).toEqual({
      command: 'ask',
      options: { question: 'what is the ratio: REO to magnet?' },
    });
  });

  it('fills the required text option from bare text after the command', () => {
    expect(options('/country India')).toEqual({ command: 'country', options: { name: 'India' } });
  });

  it('converts integers, booleans and choices as Discord would', () => {
    expect(options('/market-share stage:Mining year:2024')).toEqual({ command: 'market-share', options: { stage: 'mining', year: 2024 } });
    expect(options('/meetings upcoming:yes')).toEqual({ command: 'meetings', options: { upcoming: true } });
  });

  it('explains mistakes: unknown command, bad choice, bad number, missing option', () => {
    const cases: Array<[string, RegExp]> = [
      ['/contry name:India', /Unknown command \/contry/],
      ['/market-share stage:mars', /stage must be one of: mining, reserves, refining, magnets/],
      ['/market-share stage:mining year:last', /year must be a whole number/],
      ['/market-share', /Missing stage\. Usage: \/market-share stage:<…>/],
    ];
    for (const [line, message] of cases) {
      const parsed = parseCommandLine(line, COMMANDS);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });
});

describe('completeLine', () => {
  it('completes command names and then option names', () => {
    expect(completeLine('/re')[0]).toEqual(['/restrictions']);
    expect(completeLine('/m')[0]).toEqual(['/market-share', '/meetings']);
    expect(completeLine('/restrictions ma')).toEqual([['material:'], 'ma']);
  });
});

describe('parseCommandLine with subcommands', () => {
  it('reads the first word as the subcommand and its options after it', () => {
    expect(options('/kb gaps days:7')).toEqual({ command: 'kb', options: { subcommand: 'gaps', days: 7 } });
    const parsed = parseCommandLine('/kb purge', COMMANDS);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toBe('Use /kb with one of: status, reload, check, gaps, feedback, stale.');
  });
});

describe('parseCommandLine with an option the command does not have', () => {
  it('says so, with the nearest option and the list, instead of folding it into the option before', () => {
    const misspelt = parseCommandLine('/restrictions country:China materal:Dy', COMMANDS);
    expect(misspelt).toMatchObject({ ok: false, command: 'restrictions' });
    if (!misspelt.ok) expect(misspelt.message).toBe("Unknown option materal: for /restrictions (did you mean 'material'?). Options: country: material: status: since:");
    const stranger = parseCommandLine('/country name:Japan colour:red', COMMANDS);
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.message).toMatch(/^Unknown option colour: for \/country\. Options: name:/);
    const none = parseCommandLine('/help topic:charts', COMMANDS);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.message).toBe('/help takes no options, and topic: is not one.');
  });

  it('keeps a colon followed by a space, and a URL, as text', () => {
    expect(options('/ask question:what is the ratio: REO to magnet?').options).toEqual({ question: 'what is the ratio: REO to magnet?' });
    expect(options('/ask question:is https://example.org right').options).toEqual({ question: 'is https://example.org right' });
  });

  it("reads a line the bot wrote from Discord options (an answer's pages) with any word: as text", () => {
    const parsed = parseCommandLine('/ask question:note:this who mines', COMMANDS, { unknownOptions: 'text' });
    expect(parsed.ok && parsed.options).toEqual({ question: 'note:this who mines' });
  });
});
