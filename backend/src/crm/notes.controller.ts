import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ListResponse, Note } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { notFoundUuid } from '../common/uuid-param';
import { ListNotesQueryDto, NoteDto } from './dto/note.dto';
import { NotesService } from './notes.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('crm')
@Controller('crm/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @RequirePermission('crm.read')
  list(@Query() query: ListNotesQueryDto): Promise<ListResponse<Note>> {
    return this.notes.list(query);
  }

  @Post()
  @RequirePermission('crm.write')
  create(@Body() dto: NoteDto): Promise<Note> {
    return this.notes.create(dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('crm.write')
  delete(@Param('id', id()) noteId: string): Promise<void> {
    return this.notes.delete(noteId);
  }
}
