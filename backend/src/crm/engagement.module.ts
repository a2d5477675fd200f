import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { EngagementRefsRepository } from './engagement-refs.repository';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { TimelineController } from './timeline.controller';
import { TimelineRepository } from './timeline.repository';
import { TimelineService } from './timeline.service';

/**
 * The CRM's engagement side: activities, notes and the customer timeline. The database,
 * the request context and the audit trail come from global modules.
 */
@Module({
  controllers: [ActivitiesController, NotesController, TimelineController],
  providers: [
    EngagementRefsRepository,
    ActivitiesRepository,
    ActivitiesService,
    NotesRepository,
    NotesService,
    TimelineRepository,
    TimelineService,
  ],
  exports: [EngagementRefsRepository, ActivitiesService, NotesService, TimelineService],
})
export class EngagementModule {}
