/**
 * The item name printed on an invoice line: `*tax classification*service`, the way Chinese VAT
 * invoices name goods and services (e.g. `*信息技术服务*Compute`). The classification follows the
 * charge's tax category; an unknown category prints the service name alone.
 */
const CLASSIFICATIONS: Record<string, string> = {
  it_services: '信息技术服务',
  basic_telecom: '基础电信服务',
};

export function invoiceServiceLabel(serviceName: string, taxCategory: string): string {
  const classification = CLASSIFICATIONS[taxCategory];
  return classification ? `*${classification}*${serviceName}` : serviceName;
}
