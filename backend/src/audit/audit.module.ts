import { Global, Module } from '@nestjs/common';
import { AuditDirectory } from './audit-directory';
import { AuditBlockIndex } from './audit-block-index';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditDirectory, AuditBlockIndex],
  exports: [AuditService],
})
export class AuditModule {}
