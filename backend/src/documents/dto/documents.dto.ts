import { ApiProperty, SchemaObject } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { BoundedWords } from '../../common/validation';
import { DOCUMENT_KINDS } from '../document-kinds';
import { MAX_TITLE } from '../upload';
import { DOCUMENT_KIND_ENUM } from './document.response';

/** The multipart form of an upload, as the OpenAPI document describes it (upload.ts reads and checks it). */
export const UPLOAD_FORM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: 'The file: PDF, PNG, JPEG, XLSX, DOCX or CSV (UTF-8), recognised by its bytes; at most 25 MB',
    },
    kind: { type: 'string', enum: [...DOCUMENT_KINDS], description: 'What the document is to the case' },
    title: { type: 'string', maxLength: MAX_TITLE, description: 'Optional: what to call it' },
  },
};

export { DOCUMENT_KIND_ENUM };

export class DocumentInErrorDto {
  @ApiProperty({ description: 'Why the document is wrong (it stays on the case, marked)' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  @BoundedWords()
  reason: string;
}
