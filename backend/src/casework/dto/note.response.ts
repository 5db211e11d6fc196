import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { valuesOf } from '../../common/values-of';
import type { AnchorType } from '../notes.repository';

export const NOTE_ANCHOR_TYPES = valuesOf<AnchorType>()('application', 'costLine', 'rule', 'document');
export const NOTE_ANCHOR_TYPE_ENUM = { enum: NOTE_ANCHOR_TYPES, enumName: 'NoteAnchorType' } as const;

@ApiSchema({
  name: 'NoteAnchor',
  description: 'What a note is about: the case, a cost line, a rule result, or a document of the case (or one page of it)',
})
export class NoteAnchorResponse {
  @ApiProperty(NOTE_ANCHOR_TYPE_ENUM)
  type: AnchorType;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The cost line id, the rule or criterion id, or for a document `<documentId>` or `<documentId>#p<page>`; null for the case itself',
  })
  ref: string | null;
}

@ApiSchema({ name: 'Note', description: 'A note; edits keep the earlier texts, and a note is never deleted' })
export class NoteResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: NoteAnchorResponse })
  anchor: NoteAnchorResponse;

  @ApiProperty()
  body: string;

  @ApiProperty({ description: 'Username' })
  author: string;

  @ApiProperty()
  authorName: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  editedAt: string | null;

  @ApiProperty({ type: 'integer', description: "The note's own version (not the case's)" })
  version: number;

  @ApiProperty()
  enteredInError: boolean;

  @ApiProperty({ type: String, nullable: true })
  errorReason: string | null;
}

@ApiSchema({ name: 'NoteRevision', description: 'One text of a note' })
export class NoteRevisionResponse {
  @ApiProperty({ type: 'integer' })
  version: number;

  @ApiProperty()
  body: string;

  @ApiProperty({ description: 'Username' })
  writtenBy: string;

  @ApiProperty({ format: 'date-time' })
  writtenAt: string;
}
