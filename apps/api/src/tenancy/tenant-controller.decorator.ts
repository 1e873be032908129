import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';

/**
 * A controller of tenant data: bearer-authenticated, documented with the 401/403 answers every
 * route of it can give (operators have no tenant, and roles are checked per route).
 */
export function TenantController(path: string): ClassDecorator {
  return applyDecorators(
    ApiTags(path),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ApiErrorDto }),
    ApiForbiddenResponse({ type: ApiErrorDto, description: 'Role not allowed (operators have no tenant)' }),
    Controller(path),
  );
}
