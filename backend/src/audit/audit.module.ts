import { Global, Module } from '@nestjs/common';
import { AuditDirectory } from './audit-directory';
import { AuditTimeIndex } from './audit-time-index';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditDirectory, AuditTimeIndex],
  exports: [AuditService],
})
export class AuditModule {}
