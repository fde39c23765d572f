/**
 * exceljs declares its own `Buffer` as an ArrayBuffer, but in Node it reads and embeds Node
 * buffers, which those types do not admit; and its worksheets' data validations are missing from
 * them. These declarations say what it really takes and has. A file that relies on them imports
 * this one (`import type {} from '…/lib/exceljsTypes'`), so every program that compiles it has them.
 */
declare module 'exceljs' {
  interface Xlsx {
    load(buffer: Uint8Array, options?: Partial<XlsxReadOptions>): Promise<Workbook>;
  }
  interface Workbook {
    addImage(image: { buffer: Uint8Array; extension: 'jpeg' | 'png' | 'gif' }): number;
  }
  interface Worksheet {
    /** The sheet's data validations (present at run time; missing from the published types). */
    readonly dataValidations: { add(range: string, validation: DataValidation): void; model: object };
  }
}

export {};
