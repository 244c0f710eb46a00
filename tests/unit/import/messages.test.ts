/** The import message catalogue: every code in Chinese and English with the same parameters, nested messages, field names. */
import { describe, expect, it } from 'vitest';
import { fieldName, formatMessage, langFromLabel, message, MESSAGES, problemReason, rowProblem, type MessageCode } from '@lingyan/data';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('import messages', () => {
  it('has Chinese and English text for every code, with the same placeholders', () => {
    for (const [code, entry] of Object.entries(MESSAGES) as Array<[MessageCode, { zh: string; en: string }]>) {
      expect(entry.zh.trim(), code).not.toBe('');
      expect(entry.en.trim(), code).not.toBe('');
      expect(placeholders(entry.zh), code).toEqual(placeholders(entry.en));
      // Chinese text is Chinese: at least one CJK character (or only a placeholder and punctuation).
      expect(/[\u4e00-\u9fff]/.test(entry.zh) || !/[a-z]{3,}/i.test(entry.zh.replace(/\{\w+\}/g, '')), code).toBe(true);
    }
  });

  it('writes a message in either language, nested messages in the same one', () => {
    const m = message('cell.yearAmountItem', { year: 2019, reason: message('cell.notNumber', { value: '"二十"' }) });
    expect(formatMessage(m)).toBe('2019 年："二十" 不是数字');
    expect(formatMessage(m, 'en')).toBe('2019: "二十" is not a number');
  });

  it('keeps the code on a problem so the report can be written in English too', () => {
    const p = rowProblem(5, '年份', message('cell.yearOutOfRange', { value: '"2099"', min: 2000, max: 2027 }), { code: '152591101201', name: '巴音嘎查' });
    expect(p).toEqual({
      row: 5,
      field: '年份',
      reason: '"2099" 不是可接受的年份（应在 2000 至 2027 年之间）',
      code: 'cell.yearOutOfRange',
      params: { value: '"2099"', min: 2000, max: 2027 },
      area: { code: '152591101201', name: '巴音嘎查' },
    });
    expect(problemReason(p, 'en')).toBe('"2099" is not a plausible year (from 2000 to 2027)');
    // Free text reads the same in both.
    expect(problemReason(rowProblem(2, 'x', 'as written'), 'en')).toBe('as written');
  });

  it('names record fields in Chinese, in English on request, and leaves a file header as it is', () => {
    expect(fieldName('collectiveIncome')).toBe('集体经济收入');
    expect(fieldName('collectiveIncome', 'en')).toBe('collective income');
    expect(fieldName('村集体收入（元）', 'en')).toBe('村集体收入（元）');
  });

  it('reads a language from zh, zh-CN, en-GB; nothing else', () => {
    expect([langFromLabel('zh-CN'), langFromLabel('en-GB'), langFromLabel('EN'), langFromLabel('fr'), langFromLabel(undefined)]).toEqual(['zh', 'en', 'en', null, null]);
  });
});
