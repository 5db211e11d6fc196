import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DOCUMENT_CONTENT_TYPES } from '../content-type';
import { DOCUMENT_KINDS, DocumentKind } from '../document-kinds';

export const DOCUMENT_KIND_ENUM = { enum: DOCUMENT_KINDS, enumName: 'DocumentKind' } as const;

@ApiSchema({
  name: 'Document',
  description:
    'A document on the case: what it is, the file as received, who added it and when; never deleted, only marked as entered in error',
})
export class DocumentResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty(DOCUMENT_KIND_ENUM)
  kind: DocumentKind;

  @ApiProperty({ type: String, nullable: true, description: 'What the uploader called it' })
  title: string | null;

  @ApiProperty({ description: 'The file name as sent, without folders' })
  fileName: string;

  @ApiProperty({ enum: Object.values(DOCUMENT_CONTENT_TYPES), description: 'Recognised from the bytes, not from the name or the client' })
  contentType: string;

  @ApiProperty({ type: 'integer', description: 'Bytes' })
  size: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, hex; the content is stored once per SHA-256 and served with it as its ETag' })
  sha256: string;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;

  @ApiProperty({ description: 'Username (the portal\u2019s account for what the applicant sent)' })
  uploadedBy: string;

  @ApiProperty()
  uploadedByName: string;

  @ApiProperty()
  enteredInError: boolean;

  @ApiProperty({ type: String, nullable: true })
  errorReason: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Username of who marked it as entered in error' })
  markedInErrorBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  markedInErrorAt: string | null;

  @ApiProperty({
    enum: ['not_scanned', 'clean'],
    enumName: 'DocumentScan',
    description:
      'What the malware scanner said: clean, or not_scanned when no scanner was configured at its upload (a file the scanner refuses is never stored: 422 document-infected)',
  })
  scan: 'not_scanned' | 'clean';
}
