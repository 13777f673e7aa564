// The domain objects the SDK's emitters take, with the field names the seed's emitters read
// (`invoice.get("total")`, `customer.get("company_name")`, ...). Extra fields ride along in the
// payload's copy of the whole record.

type Extra = { [field: string]: unknown };

export interface InvoiceRecord extends Extra {
  id: string;
  number: string;
  customer_id: string;
  total: number;
  currency: string;
  /** YYYY-MM-DD */
  due_date: string;
  customer?: Extra;
}

export interface PaymentRecord extends Extra {
  id: string;
  invoice_id: string;
  customer_id?: string;
  amount: number;
  currency?: string;
  method: string;
  /** When it was paid; now when absent, as in the seed. */
  paid_at?: string;
}

export interface CustomerRecord extends Extra {
  id: string;
  name: string;
  email: string;
  company_name?: string;
}

export interface ProjectRecord extends Extra {
  id: string;
  name: string;
  customer_id?: string;
  status?: string;
  start_date?: string;
  due_date?: string;
  budget?: number;
  currency?: string;
}

export interface TicketRecord extends Extra {
  id: string;
  number?: string;
  subject: string;
  description?: string;
  priority: string;
  status?: string;
  customer_id: string;
}

export interface QuoteRecord extends Extra {
  id: string;
  number: string;
  customer_id: string;
  total: number;
  currency: string;
  valid_until?: string;
}

export interface UserRecord extends Extra {
  id: string;
  email: string;
  name?: string;
}
