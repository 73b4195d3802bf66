// 편집기, 명령줄, 미리 보기의 한국어 문구(catalog.ts의 `Ui`).
import { DOCUMENT_BUDGET } from '../limits';
import type { Ui } from './catalog';
import { josa } from './particles';

export const koUi: Ui = {
  editor: {
    fixAll: '이 파일의 TCP Flow 문제 모두 고치기',
    renameInvalid: (n) => `${josa(`"${n}"`, '은/는')} 참여자 이름이 될 수 없습니다: 글자로 시작하고 글자, 숫자, _만 쓸 수 있습니다.`,
    renameReserved: (n) => `${josa(`"${n}"`, '은/는')} 언어의 키워드라 참여자 이름으로 쓸 수 없습니다.`,
    renameTaken: (n) => `${josa(`"${n}"`, '은/는')} 이미 있는 참여자입니다: 이름을 바꾸면 두 참여자가 하나로 합쳐집니다.`,
    phases: { establishment: '연결 설정', data: '데이터 전송', termination: '연결 해제' },
    title: '제목',
    inFlightTogether: '동시에 전송',
    moreProblems: (hidden, shown) =>
      `이 파일의 문제 ${hidden}개는 표시하지 않았습니다(편집기에는 처음 ${shown}개만 표시): 위의 문제를 고치거나 'tcpflow-cli check'로 전체 목록을 보세요.`,
    moreMessages: (hidden, shown) => `… 메시지 ${hidden}개 더 (개요에는 처음 ${shown}개만 표시)`,
  },
  cli: {
    summary: (c) => `오류 ${c.errors}개, 경고 ${c.warnings}개, 정보 ${c.infos}개 (파일 ${c.files}개)`,
    unterminatedBlock: '```tcpflow 블록이 닫히지 않아 Mermaid 블록을 쓸 수 없습니다',
    outOfDate: '갱신 필요',
    updated: '갱신함',
    mermaidBlocks: (added, updated) =>
      [added ? `새 Mermaid 블록 ${added}개` : '', updated ? `갱신한 Mermaid 블록 ${updated}개` : ''].filter(Boolean).join(', '),
    syncSummary: (changed, current, check) => {
      if (!check) return `노트 ${changed}개 갱신, ${current}개는 이미 최신`;
      return changed ? `노트 ${changed + current}개 중 ${changed}개가 갱신 필요: 'tcpflow-cli sync'로 갱신하세요` : `노트 ${current}개 모두 최신`;
    },
    handEdited: (replaced) => (replaced ? '마커 사이에 손으로 고친 내용을 새 Mermaid 블록으로 바꿨습니다 (--force)' : '마커 사이의 내용을 손으로 고쳐서 그대로 두었습니다 (바꾸려면 --force)'),
    handKept: (n) => `, ${n}개는 손으로 고친 블록을 그대로 둠`,
    overBudget: (cut, use) => {
      const n = (k: number) => k.toLocaleString('en-US');
      const budget = `${n(DOCUMENT_BUDGET.lines)}줄 또는 ${n(DOCUMENT_BUDGET.chars)}자`;
      if (use === 'left') return `${n(cut.totalLines)}줄(${n(cut.totalChars)}자)로 문서 한도(${budget})를 넘어 그대로 두었습니다`;
      const done = { checked: '검사했습니다', drawn: '그렸습니다', traced: '추적했습니다' }[use];
      return `${n(cut.totalLines)}줄(${n(cut.totalChars)}자) 중 처음 ${n(cut.checkedLines)}줄(${n(cut.checkedChars)}자)만 ${done}: 문서는 ${budget}까지만 다룹니다`;
    },
  },
  preview: {
    errors: (count, line, message) => (count === 1 ? `오류 1개 — ${line}번 줄: ${message}` : `오류 ${count}개 — 첫 번째: ${line}번 줄: ${message}`),
    tooLarge: (segments, max) => `이 흐름에는 세그먼트가 ${segments}개 있어 미리 보기가 그리는 한도(${max}개)를 넘습니다.`,
    splitOrExport: '여러 파일로 나누거나 Markdown으로 내보내세요.',
    renderFailed: (reason) => `Mermaid가 이 다이어그램을 그리지 못했습니다: ${reason}`,
    pngTooLarge: (height, max) => `다이어그램 높이가 ${height}px라서 PNG 하나에 담기에 너무 큽니다(한 변은 최대 ${max}px). SVG나 Markdown으로 내보내세요.`,
    exporting: '다이어그램을 내보내는 중…',
  },
};
