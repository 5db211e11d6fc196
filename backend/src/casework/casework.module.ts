import { Module } from '@nestjs/common';
import { CaseworkController } from './casework.controller';
import { CaseworkRepository } from './casework.repository';
import { CaseworkService } from './casework.service';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';

/** The caseworker's assessment of a case: judgments, approved amounts on cost lines, notes. */
@Module({
  controllers: [CaseworkController, NotesController],
  providers: [CaseworkService, CaseworkRepository, NotesService, NotesRepository],
  // The case report reads the notes as the case page does.
  exports: [NotesService],
})
export class CaseworkModule {}
