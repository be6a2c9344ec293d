// Rewriting the textarea as typing would: undo history kept, `input` fired.

export function replaceRange(textarea, begin, end, text) {
  textarea.focus();
  textarea.setSelectionRange(begin, end);
  // execCommand keeps the browser's undo history and fires `input`; setRangeText does neither.
  let done = false;
  try {
    done = textarea.ownerDocument.execCommand('insertText', false, text);
  } catch {
    done = false;
  }
  if (!done || textarea.value.slice(begin, begin + text.length) !== text) {
    textarea.setRangeText(text, begin, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** Inserts `text` at the caret, with a space on a side that needs one. */
export function insertAtCaret(textarea, text) {
  const value = textarea.value;
  const start = textarea.selectionStart ?? value.length;
  const end = textarea.selectionEnd ?? start;
  const before = value.slice(0, start);
  const after = value.slice(end);
  const lead = before && !/\s$/.test(before) ? ' ' : '';
  const trail = after && !/^\s/.test(after) ? ' ' : '';
  replaceRange(textarea, start, end, `${lead}${text}${trail}`);
}
