import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentPrincipal, Public } from '@core/auth/auth.decorators';
import type { Principal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { ErrorResponseDto } from '@core/http/error-response.dto';
import { Logout } from '../application/logout.use-case';
import { RefreshSession } from '../application/refresh-session.use-case';
import { StaffQueries } from '../application/staff-queries';
import { ThrottledLogin } from '../application/throttled-login.use-case';
import { LoginRequestDto, RefreshRequestDto, SessionResponseDto } from './dto/auth.dto';
import { CurrentStaffResponseDto } from './dto/staff.dto';
import { toCurrentStaffResponse } from './dto/staff.mapper';

@ApiTags('Auth')
@ApiErrors(400, 413)
@ApiExtraModels(ErrorResponseDto)
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: ThrottledLogin,
    private readonly refresh: RefreshSession,
    private readonly logout: Logout,
    private readonly staff: StaffQueries,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password',
    description:
      'Returns an access token (15 minutes) and a refresh token. Failed logins are counted per e-mail and per client address over 15 minutes: ' +
      'from the 6th attempt of an e-mail the answer is delayed (200 ms, doubling, at most 2 s); from the 10th, or after 50 failures from one address, ' +
      'the login is refused with 429 until the window ends, even with the right password. A successful login clears the count of its e-mail.',
  })
  @ApiOkResponse({ type: SessionResponseDto, description: 'Logged in: an access token and a refresh token' })
  @ApiError(401, 'Wrong e-mail or password, a disabled user, or a tenant that is not active: one answer for all (code IDENTITY.INVALID_CREDENTIALS)')
  @ApiResponse({
    status: 429,
    description: 'Too many failed logins for this e-mail or from this address (code IDENTITY.LOGIN_THROTTLED); the same whether the e-mail exists or not',
    headers: { 'Retry-After': { description: 'Seconds until the login may be tried again', schema: { type: 'integer', example: 840 } } },
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } },
  })
  logIn(@Body() body: LoginRequestDto, @Req() request: FastifyRequest): Promise<SessionResponseDto> {
    return this.login.execute(body.email, body.password, request.ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new pair', description: 'The refresh token is spent; presenting a spent one again revokes its whole family.' })
  @ApiOkResponse({ type: SessionResponseDto, description: 'A new pair; the refresh token sent is now spent' })
  @ApiError(401, 'Unknown, expired, revoked or already spent refresh token, or its user is disabled or their tenant suspended (code IDENTITY.INVALID_REFRESH_TOKEN)')
  refreshSession(@Body() body: RefreshRequestDto): Promise<SessionResponseDto> {
    return this.refresh.execute(body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out: revoke a refresh token and every token rotated from the same login', description: 'An unknown or already revoked token gets 204 too.' })
  @ApiNoContentResponse({ description: 'The session is over' })
  async logOut(@Body() body: RefreshRequestDto): Promise<void> {
    await this.logout.execute(body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your own account', description: 'Any staff user, platform admins included.' })
  @ApiOkResponse({ type: CurrentStaffResponseDto, description: "The caller's account, with their tenant" })
  @ApiError(401, 'A valid bearer access token of an enabled account in an active tenant is required')
  async me(@CurrentPrincipal() caller: Principal): Promise<CurrentStaffResponseDto> {
    return toCurrentStaffResponse(await this.staff.me(caller));
  }
}
