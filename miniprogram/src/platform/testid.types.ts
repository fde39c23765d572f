export type TestData = Readonly<Record<string, string | number | boolean | null | undefined>>;
