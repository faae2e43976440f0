import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { Login } from '../application/login.use-case';
import { RefreshSession } from '../application/refresh-session.use-case';
import { LoginRequestDto, RefreshRequestDto, SessionResponseDto } from './dto/auth.dto';

@ApiTags('Auth')
@ApiErrors(400, 413)
@Public()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: Login,
    private readonly refresh: RefreshSession,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password', description: 'Returns an access token and a refresh token.' })
  @ApiOkResponse({ type: SessionResponseDto, description: 'Logged in: an access token and a refresh token' })
  @ApiError(401, 'Wrong e-mail or password, a disabled user, or a tenant that is not active: one answer for all (code IDENTITY.INVALID_CREDENTIALS)')
  logIn(@Body() body: LoginRequestDto): Promise<SessionResponseDto> {
    return this.login.execute(body.email, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trade a refresh token for a new pair', description: 'The refresh token is spent; presenting a spent one again revokes its whole family.' })
  @ApiOkResponse({ type: SessionResponseDto, description: 'A new pair; the refresh token sent is now spent' })
  @ApiError(401, 'Unknown, expired, revoked or already spent refresh token (code IDENTITY.INVALID_REFRESH_TOKEN)')
  refreshSession(@Body() body: RefreshRequestDto): Promise<SessionResponseDto> {
    return this.refresh.execute(body.refreshToken);
  }
}
