import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Public } from '@core/auth/auth.decorators';
import { Login } from '../application/login.use-case';
import { RefreshSession } from '../application/refresh-session.use-case';
import { LoginRequestDto, RefreshRequestDto, SessionResponseDto } from './dto/auth.dto';

@Public()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly login: Login,
    private readonly refresh: RefreshSession,
  ) {}

  @Post('login')
  @HttpCode(200)
  logIn(@Body() body: LoginRequestDto): Promise<SessionResponseDto> {
    return this.login.execute(body.email, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  refreshSession(@Body() body: RefreshRequestDto): Promise<SessionResponseDto> {
    return this.refresh.execute(body.refreshToken);
  }
}
