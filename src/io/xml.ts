/**
 * The little XML an .xlsx needs, read from bytes: text with its entities and Excel's `_xHHHH_`
 * escapes decoded, and the tags of small parts (workbook, relationships, styles). No DTD is ever
 * read: a part that declares one is refused (`DoctypeError`), so no entity can expand.
 */

/** A part that declares a DTD (`<!DOCTYPE`, `<!ENTITY`): refused, as entity expansion starts there. */
export class DoctypeError extends Error {
  constructor() {
    super('DOCTYPE');
    this.name = 'DoctypeError';
  }
}

/** XML that cannot be read (an unclosed tag, a tag cut in two): `what` says where. */
export class XmlError extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'XmlError';
  }
}

const AMP = 0x26;
const UNDERSCORE = 0x5f;
const LT = 0x3c;

/** Decodes `&amp;`, `&lt;`, `&#233;`, `&#xE9;` ...; an unknown name is kept as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (all, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (name.charCodeAt(0) !== 0x23) return all;
    const code = name.charCodeAt(1) === 0x78 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Excel writes characters XML cannot hold (a carriage return, a tab in some versions) as `_x000D_`; `_x005F_` is `_` itself. */
export function decodeExcelEscapes(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of bytes `[start, end)` of an element's content, decoded. */
export function textOf(buf: Buffer, start: number, end: number): string {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c === AMP || c === UNDERSCORE || c === LT) {
      plain = false;
      break;
    }
  }
  const raw = buf.toString('utf8', start, end);
  if (plain) return raw;
  return decodeExcelEscapes(decodeEntities(raw.includes('<![CDATA[') ? cdata(raw) : raw));
}

/** Content with CDATA sections: their text kept as is (entities escaped so that decoding keeps them). */
function cdata(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, t: string) => t.replace(/&/g, '&amp;'));
}

export interface Tag {
  /** Local name, without a namespace prefix (`x:row` is `row`). */
  name: string;
  attrs: Map<string, string>;
  close: boolean;
  selfClosing: boolean;
}

const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!|</
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Every tag of a small part, in order, with its attributes (local names, decoded values). Text
 * between tags is not given: the parts read this way keep their data in attributes.
 */
export function* tags(xml: string): Generator<Tag> {
  const re = new RegExp(TAG.source, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const all = m[0];
    if (all === '<!' || all === '</') {
      if (/^<!(DOCTYPE|ENTITY)/i.test(xml.slice(m.index, m.index + 10))) throw new DoctypeError();
      throw new XmlError(`offset ${m.index}`);
    }
    if (m[2] === undefined) continue;
    const attrs = new Map<string, string>();
    const list = m[3] ?? '';
    if (list !== '') {
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(list); a; a = ATTR.exec(list)) attrs.set(localName(a[1]!), decodeEntities(a[2] ?? a[3] ?? ''));
    }
    yield { name: localName(m[2]), attrs, close: m[1] === '/', selfClosing: m[4] === '/' };
  }
}

function localName(n: string): string {
  const i = n.indexOf(':');
  return i < 0 ? n : n.slice(i + 1);
}
