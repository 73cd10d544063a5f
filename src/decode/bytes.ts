/** Byte values of JSON syntax, for the scanners. */
export const NL = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;
export const TAB = 0x09;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACK = 0x5b;
export const RBRACK = 0x5d;

export const NL_LBRACE = Buffer.from("\n{");
export const NL_RBRACE = Buffer.from("\n}");
