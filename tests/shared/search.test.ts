/** The lexemes that make Chinese substrings searchable (STACK.md: PostgreSQL has no Chinese parser). */
import { searchQueryTokens, searchTokens } from '@linli/shared'
import { describe, expect, it } from 'vitest'

describe('searchTokens', () => {
  it('indexes every Chinese character and every neighbouring pair', () => {
    expect(searchTokens('老人助餐')).toEqual(['老', '老人', '人', '人助', '助', '助餐', '餐'])
  })

  it('keeps Latin words and numbers whole, in lower case, and splits Chinese runs at them', () => {
    expect(searchTokens('WiFi安装 2号楼')).toEqual(['wifi', '安', '安装', '装', '2', '号', '号楼', '楼'])
  })

  it('does not pair characters across punctuation or spaces', () => {
    const tokens = searchTokens('助餐，送餐 上门')
    expect(tokens).toContain('助餐')
    expect(tokens).toContain('送餐')
    expect(tokens).not.toContain('餐送')
    expect(tokens).not.toContain('餐上')
  })

  it('normalises full-width forms (NFKC) and repeats once', () => {
    expect(searchTokens('ＡＢＣ１２３ 餐餐餐')).toEqual(['abc123', '餐', '餐餐'])
  })

  it('answers nothing for text without letters or digits', () => {
    expect(searchTokens('，。！ ')).toEqual([])
    expect(searchTokens('')).toEqual([])
  })
})

describe('searchQueryTokens', () => {
  it('asks for the pairs of a Chinese word, not its single characters', () => {
    expect(searchQueryTokens('助餐服务')).toEqual(['助餐', '餐服', '服务'])
  })

  it('asks for a single character by itself', () => {
    expect(searchQueryTokens('餐')).toEqual(['餐'])
  })

  it('asks for Latin words in lower case, and every word of a multi-word query', () => {
    expect(searchQueryTokens('WiFi 助餐')).toEqual(['wifi', '助餐'])
  })

  it('every query token is among the tokens of a text that contains the query', () => {
    const text = '第一网格独居老人助餐服务，每周三 WiFi 教学'
    const indexed = new Set(searchTokens(text))
    for (const q of ['助餐', '餐', '独居老人', 'wifi', '网格 助餐', '每周三']) {
      for (const token of searchQueryTokens(q)) expect(indexed.has(token)).toBe(true)
    }
  })

  it('answers nothing for an empty or punctuation-only query', () => {
    expect(searchQueryTokens('  ')).toEqual([])
    expect(searchQueryTokens('，')).toEqual([])
  })
})
