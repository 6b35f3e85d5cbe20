import NextAuth from 'next-auth';
import { publicRoute } from '@/lib/auth/guard';
import { authOptions } from '@/lib/auth/options';
import { clientIp } from '@/lib/http/client-ip';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  const options = authOptions({ ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') });
  return NextAuth(request as never, context as never, options) as Promise<Response>;
}

export const GET = publicRoute('GET /api/auth/[...nextauth]', handler);
export const POST = publicRoute('POST /api/auth/[...nextauth]', handler);
