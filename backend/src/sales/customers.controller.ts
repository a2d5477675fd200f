import { CustomerDto, UpdateCustomerDto } from '../parties/party.dto';
import { partyController } from '../parties/party.controller';
import { CustomersService } from './customers.service';

export const CustomersController = partyController({
  path: 'customers',
  read: 'sales.read',
  write: 'sales.write',
  createDto: CustomerDto,
  updateDto: UpdateCustomerDto,
  service: CustomersService,
});
