/** Optional free text: absent, empty and blank all mean "not given", stored as null. */
export const textOrNull = (text: string | null | undefined): string | null => (text?.trim() ? text : null);
