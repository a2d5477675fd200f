import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../../common/list-query.dto';
import {
  CreateUserRequest,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  Role,
  ROLES,
  UpdateUserRequest,
} from '@billinator/contracts';
import { USER_SORTS, UserSort } from '../users.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  password!: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiProperty({ description: 'The version you read; a stale version is refused with 409' })
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version!: number;
}

const USER_SORT_VALUES = Object.keys(USER_SORTS).flatMap((k) => [k, `-${k}`]);

export class ListUsersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: USER_SORT_VALUES, description: 'Field to sort by; prefix with - for descending' })
  @IsOptional()
  @IsIn(USER_SORT_VALUES, { message: `sort must be one of ${USER_SORT_VALUES.join(', ')}` })
  sort: string = 'name';

  get sortField(): UserSort {
    return this.sort.replace(/^-/, '') as UserSort;
  }

  get sortDesc(): boolean {
    return this.sort.startsWith('-');
  }
}
