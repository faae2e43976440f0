import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageMetaDto } from '@core/http/pagination.dto';
import { FLAG_NAME_MAX_LENGTH, FLAG_NAME_PATTERN } from '../../domain/feature-flag';

export class FeatureFlagParamDto {
  @ApiProperty({ description: 'The tenant id', format: 'uuid', example: '0b6f4c3e-8d1a-4f7e-9c2b-5a1d3e7f9b20' })
  @IsUUID()
  id!: string;

  @ApiProperty({ description: 'The flag: lower_snake_case, at most 60 characters', pattern: FLAG_NAME_PATTERN.source, maxLength: FLAG_NAME_MAX_LENGTH, example: 'knowledge_base' })
  @IsString() @MaxLength(FLAG_NAME_MAX_LENGTH) @Matches(FLAG_NAME_PATTERN, { message: 'flag must be lower_snake_case' })
  flag!: string;
}

export class SetFeatureFlagRequestDto {
  @ApiProperty({ description: "The tenant's value, whatever its plan says", example: true })
  @IsBoolean()
  enabled!: boolean;
}

export class FeatureFlagResponseDto {
  @ApiProperty({ example: 'knowledge_base' })
  flag!: string;

  @ApiProperty({ description: 'The effective value: the override if any, else the plan, else false', example: true })
  enabled!: boolean;

  @ApiProperty({ description: 'Whether a per-tenant override decides it', example: false })
  overridden!: boolean;

  @ApiProperty({ description: "The plan's value (false when the plan does not name the flag)", example: true })
  planValue!: boolean;
}

export class FeatureFlagListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [FeatureFlagResponseDto], description: 'Every flag the plan names or the tenant overrides, by name' })
  items!: FeatureFlagResponseDto[];
}
