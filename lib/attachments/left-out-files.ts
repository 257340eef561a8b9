// Why a file of an imported conversation was left out (its message is imported without it), as the import answers
// it and Settings words it: its bytes are not in the file (an account export lists files by name), it is empty, too
// large for this server's limit, of a type Parley does not read, a document whose text could not be read, or past
// what one message may carry here. Imports nothing: the browser reads it too.
export const LEFT_OUT_REASONS = [
  "not_in_file",
  "empty",
  "too_large",
  "unsupported",
  "unreadable",
  "over_message_limits",
] as const;

export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];
export type LeftOutFile = { name: string; reason: LeftOutReason };
