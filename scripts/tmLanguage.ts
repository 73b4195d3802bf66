// The TextMate grammar (syntaxes/tcpflow.tmLanguage.json), made from the language's vocabulary
// (server/src/core/syntax/vocabulary.ts) so that its keywords, flags, field keys, state spellings,
// arrows and names are the ones the parser reads. The JSON is committed (VS Code reads it as it is);
// test/unit/tmLanguage.test.ts fails when it differs from what this makes. To write it again:
//
//     node --import tsx scripts/tmLanguage.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spellingPattern } from '../server/src/core/syntax/states';
import {
  ARROWS,
  COMMENT_STARTS,
  ENDS_TIME_WAIT,
  FIELD_KEYS,
  FLAG_PAIR_WORD,
  FLAGS,
  LABEL_WORD,
  NAME,
  NAME_CHAR,
  NAME_START,
  NOTE_POSITIONS,
  STATE_ALIASES,
  STATE_NAMES,
  STATEMENT_KEYWORDS,
  WAIT_AMOUNTS,
  isBareField,
  seedField,
  standsAlone,
  type StatementKeyword,
} from '../server/src/core/syntax/vocabulary';

export const GRAMMAR_FILE = join(__dirname, '..', 'syntaxes', 'tcpflow.tmLanguage.json');

type Rule = Record<string, unknown>;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `(?i:a|b)`: any case, as the language reads its words. */
const anyCase = (alternatives: readonly string[]): string => `(?i:${alternatives.join('|')})`;
const words = (list: readonly string[]): string => anyCase(list.map(escape));
/** Not preceded or followed by a name character: a whole word. */
const notAfterName = `(?<!${NAME_CHAR})`;
const notBeforeName = `(?!${NAME_CHAR})`;
const scope = (name: string): { name: string } => ({ name: `${name}.tcpflow` });
const include = (rule: string): Rule => ({ include: `#${rule}` });

const keyword = (k: StatementKeyword): string => words([k]);
/** Every spelling of every state name and alias (SPEC §3.8), longest first. */
const STATE = anyCase([...STATE_NAMES, ...Object.keys(STATE_ALIASES)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(spellingPattern));
/** `wait 2MSL`, `wait RTO`, `wait 200ms`: the named amounts' words (`MSL`, `RTO`) and the time units. */
const TIMERS = WAIT_AMOUNTS.map((w) => w.replace(/^\d+/, '').toLowerCase());
const [twoMslCount, twoMslWord] = [ENDS_TIME_WAIT.replace(/\D+$/, ''), ENDS_TIME_WAIT.replace(/^\d+/, '')];
/** Free text up to a comment or a string. */
const FREE_TEXT = '[^\\s#/"](?:[^#/"]|/(?!/))*';

export function tmLanguage(): Rule {
  const statements: StatementKeyword[] = [...STATEMENT_KEYWORDS];
  const blockWords = statements.filter(standsAlone);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'TCP Flow',
    scopeName: 'source.tcpflow',
    fileTypes: ['tcpflow'],
    patterns: ['comment', 'title', 'participant', 'par', 'note', 'wait', 'state-statement', 'message', 'string'].map(include),
    repository: {
      comment: {
        patterns: COMMENT_STARTS.map((start) => ({
          ...scope(start === '#' ? 'comment.line.number-sign' : 'comment.line.double-slash'),
          match: `(${escape(start)}).*$`,
          captures: { '1': scope('punctuation.definition.comment') },
        })),
      },
      string: {
        ...scope('string.quoted.double'),
        begin: '"',
        beginCaptures: { '0': scope('punctuation.definition.string.begin') },
        end: '(")|$',
        endCaptures: { '1': scope('punctuation.definition.string.end') },
        patterns: [{ ...scope('constant.character.escape'), match: '\\\\.' }],
      },
      title: {
        ...scope('meta.statement.title'),
        begin: `^\\s*(${keyword('title')})${notBeforeName}`,
        beginCaptures: { '1': scope('keyword.other.title') },
        end: '$',
        patterns: [include('comment'), include('string'), { ...scope('entity.name.section.title'), match: FREE_TEXT }],
      },
      participant: {
        ...scope('meta.statement.participant'),
        begin: `^\\s*(${keyword('participant')})${notBeforeName}\\s*(${NAME})?`,
        beginCaptures: { '1': scope('keyword.other.participant'), '2': scope('entity.name.type.participant') },
        end: '$',
        patterns: [
          include('comment'),
          include('string'),
          include('state-assertion'),
          {
            match: `${notAfterName}(${words([LABEL_WORD])})${notBeforeName}\\s*([^\\s"#(/](?:[^"#(/]|/(?!/))*?)?(?=\\s*(?:\\(|#|//|"|$))`,
            captures: { '1': scope('keyword.other.as'), '2': scope('string.unquoted.label') },
          },
        ],
      },
      par: {
        match: `^\\s*(${words(blockWords)})${notBeforeName}`,
        captures: { '1': scope('keyword.control.block') },
      },
      note: {
        ...scope('meta.statement.note'),
        begin: `^\\s*(${keyword('note')})${notBeforeName}\\s*(${anyCase(NOTE_POSITIONS.map((p) => p.split(' ').map(escape).join('\\s+')))})?${notBeforeName}`,
        beginCaptures: { '1': scope('keyword.other.note'), '2': scope('keyword.other.placement') },
        end: '$',
        patterns: [
          include('comment'),
          {
            begin: ':',
            beginCaptures: { '0': scope('punctuation.separator.note') },
            end: '(?=$)',
            patterns: [include('comment'), include('string'), { ...scope('string.unquoted.note'), match: FREE_TEXT }],
          },
          { ...scope('variable.other.participant'), match: NAME },
          { ...scope('punctuation.separator.comma'), match: ',' },
        ],
      },
      wait: {
        ...scope('meta.statement.wait'),
        begin: `^\\s*(${keyword('wait')})${notBeforeName}`,
        beginCaptures: { '1': scope('keyword.other.wait') },
        end: '$',
        patterns: [
          include('comment'),
          include('string'),
          { ...scope('constant.language.2msl'), match: `\\b${twoMslCount}${words([twoMslWord])}${notBeforeName}` },
          {
            match: `\\b(\\d+)\\s*(${anyCase(['ms', 's', ...TIMERS])})${notBeforeName}`,
            captures: { '1': scope('constant.numeric.decimal'), '2': scope('keyword.other.unit') },
          },
          { ...scope('constant.language.timer'), match: `${notAfterName}${anyCase(TIMERS)}${notBeforeName}` },
          include('number'),
        ],
      },
      'state-statement': {
        ...scope('meta.statement.state'),
        begin: `^\\s*(${keyword('state')})${notBeforeName}`,
        beginCaptures: { '1': scope('keyword.other.state') },
        end: '$',
        patterns: [
          include('comment'),
          {
            match: `(${NAME})\\s*(:)\\s*(?:(${STATE})${notBeforeName})?`,
            captures: { '1': scope('variable.other.participant'), '2': scope('punctuation.separator.key-value'), '3': scope('entity.name.type.state') },
          },
          { ...scope('punctuation.separator.comma'), match: ',' },
        ],
      },
      'state-assertion': {
        ...scope('meta.state-assertion'),
        match: `(\\()\\s*(?:(${STATE})${notBeforeName}|([^)\\s#]*))\\s*(\\))`,
        captures: { '1': scope('punctuation.definition.state.begin'), '2': scope('entity.name.type.state'), '4': scope('punctuation.definition.state.end') },
      },
      message: {
        ...scope('meta.statement.message'),
        begin: `^\\s*(?=${NAME_START})`,
        end: '$',
        patterns: [
          include('comment'),
          include('string'),
          {
            ...scope('meta.segment'),
            begin: ':',
            beginCaptures: { '0': scope('punctuation.separator.segment') },
            end: '(?=$)',
            patterns: [include('comment'), include('string'), include('segment')],
          },
          include('arrow'),
          include('state-assertion'),
          { ...scope('variable.other.participant'), match: NAME },
        ],
      },
      arrow: {
        patterns: [
          { ...scope('keyword.operator.arrow.lost'), match: ARROWS.lost.map(escape).join('|') },
          { ...scope('keyword.operator.arrow'), match: ARROWS.delivered.map(escape).join('|') },
        ],
      },
      segment: {
        patterns: [
          include('field'),
          { ...scope('constant.language.option.sackok'), match: `${notAfterName}${words(FIELD_KEYS.filter((k) => isBareField(k.toLowerCase())))}${notBeforeName}` },
          { ...scope('constant.language.flag.alias'), match: `${notAfterName}${words([FLAG_PAIR_WORD.flags.join('-'), FLAG_PAIR_WORD.word.toUpperCase()])}${notBeforeName}` },
          {
            ...scope('meta.seed'),
            begin: `${notAfterName}(${words(FLAGS.filter((f) => seedField(f)))})\\s*(\\()`,
            beginCaptures: { '1': scope('constant.language.flag'), '2': scope('punctuation.definition.seed.begin') },
            end: '(\\))|(?=$)',
            endCaptures: { '1': scope('punctuation.definition.seed.end') },
            patterns: [include('value')],
          },
          { ...scope('constant.language.flag'), match: `${notAfterName}${words(FLAGS)}${notBeforeName}` },
          { ...scope('punctuation.separator.flags'), match: '[,+/]' },
        ],
      },
      field: {
        ...scope('meta.field'),
        begin: `${notAfterName}(?:(${words(FIELD_KEYS)})|(${NAME}))\\s*(=)`,
        beginCaptures: { '1': scope('variable.parameter.field'), '2': scope('variable.parameter.field.unknown'), '3': scope('keyword.operator.assignment') },
        end: '(?=[\\s,"#]|//|$)',
        patterns: [include('value')],
      },
      value: {
        patterns: [include('number'), { ...scope('keyword.operator.arithmetic'), match: '[+-]' }, { ...scope('variable.other.symbol'), match: NAME }],
      },
      number: { ...scope('constant.numeric.decimal'), match: `${notAfterName}\\d+${notBeforeName}` },
    },
  };
}

/** The file's text: two-space JSON and a final line end, as it is committed. */
export const tmLanguageText = (): string => JSON.stringify(tmLanguage(), null, 2) + '\n';

if (require.main === module) writeFileSync(GRAMMAR_FILE, tmLanguageText());
