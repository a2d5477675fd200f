import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CurrentUser } from '@billinator/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { clearSessionCookies, newCsrfToken, REFRESH_COOKIE, setCsrfCookie, setSessionCookies } from './auth-cookies';
import { AuthService, IssuedSession } from './auth.service';
import { LoginThrottle, Public } from './decorators';
import { ChangePasswordDto, LoginDto, SignupDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues the CSRF cookie for API clients that did not load the SPA first. */
  @Public()
  @Get('csrf')
  csrf(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): { token: string } {
    const token = request.cookies?.[CSRF_COOKIE] ?? newCsrfToken();
    setCsrfCookie(reply, this.config, token);
    return { token };
  }

  @Public()
  @LoginThrottle()
  @Post('signup')
  async signup(
    @Body() dto: SignupDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CurrentUser> {
    return this.withCookies(reply, await this.auth.signup(dto, request.headers['user-agent'] ?? null));
  }

  @Public()
  @LoginThrottle()
  @Post('login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CurrentUser> {
    return this.withCookies(reply, await this.auth.login(dto, request.headers['user-agent'] ?? null));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<CurrentUser> {
    try {
      return this.withCookies(reply, await this.auth.refresh(request.cookies?.[REFRESH_COOKIE]));
    } catch (error) {
      clearSessionCookies(reply, this.config);
      throw error;
    }
  }

  /** Public so that an expired access token can still end its session through the refresh cookie. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(request.cookies?.[REFRESH_COOKIE]);
    clearSessionCookies(reply, this.config);
  }

  @Get('me')
  me(): Promise<CurrentUser> {
    return this.auth.me();
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() dto: ChangePasswordDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.changePassword(dto);
    clearSessionCookies(reply, this.config);
  }

  private withCookies(reply: FastifyReply, session: IssuedSession): CurrentUser {
    setSessionCookies(reply, this.config, session.accessToken, session.refreshToken);
    return session.user;
  }
}
