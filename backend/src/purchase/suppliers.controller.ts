import { PartyDto, UpdatePartyDto } from '../parties/party.dto';
import { partyController } from '../parties/party.controller';
import { SuppliersService } from './suppliers.service';

export const SuppliersController = partyController({
  path: 'suppliers',
  read: 'purchase.read',
  write: 'purchase.write',
  createDto: PartyDto,
  updateDto: UpdatePartyDto,
  service: SuppliersService,
});
