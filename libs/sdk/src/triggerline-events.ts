import {
  createEvent,
  type CreateEventOptions,
  type EventEnvelopeOf,
  type EventPayload,
  type EventType,
} from '@triggerline/contracts';
import { type JetStreamPublisher, publishEvent } from '@triggerline/messaging';
import type {
  CustomerRecord,
  InvoiceRecord,
  PaymentRecord,
  ProjectRecord,
  QuoteRecord,
  TicketRecord,
  UserRecord,
} from './domain-records.js';

export type EmitOptions = Omit<CreateEventOptions, 'source'>;

/**
 * The seed's WorkflowEventEmitter for a domain service: a typed `emit` (a payload that does not
 * match its type does not compile) and one convenience emitter per event type, mapping the domain
 * object as the seed does. Each publishes a CloudEvent on `events.<type>` with `Nats-Msg-Id` = its
 * id, resolving once JetStream has stored it; retry with the same `id` to publish it once.
 */
export class TriggerlineEvents {
  constructor(
    private readonly publisher: JetStreamPublisher,
    /** CloudEvents `source` of every event, e.g. "/billing". */
    private readonly source: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async emit<T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    options: EmitOptions = {},
  ): Promise<EventEnvelopeOf<T>> {
    const event = createEvent(type, payload, { time: this.now(), ...options, source: this.source });
    await publishEvent(this.publisher, event);
    return event;
  }

  // Invoices

  invoiceCreated(invoice: InvoiceRecord, options?: EmitOptions) {
    return this.emit(
      'invoice.created',
      {
        invoice,
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        customer_id: invoice.customer_id,
        customer: invoice.customer,
        amount: invoice.total,
        currency: invoice.currency,
        due_date: invoice.due_date,
      },
      options,
    );
  }

  invoiceSent(invoice: InvoiceRecord, sentTo?: string, options?: EmitOptions) {
    return this.emit(
      'invoice.sent',
      { ...invoiceFields(invoice), currency: invoice.currency, sent_to: sentTo, sent_at: this.stamp() },
      options,
    );
  }

  invoiceViewed(invoice: InvoiceRecord, options?: EmitOptions) {
    return this.emit('invoice.viewed', { ...invoiceFields(invoice), viewed_at: this.stamp() }, options);
  }

  invoicePaid(invoice: InvoiceRecord, payment: PaymentRecord, options?: EmitOptions) {
    return this.emit(
      'invoice.paid',
      {
        invoice,
        payment,
        invoice_id: invoice.id,
        invoice_number: invoice.number,
        customer_id: invoice.customer_id,
        amount: payment.amount,
        paid_at: payment.paid_at ?? this.stamp(),
      },
      options,
    );
  }

  invoiceOverdue(invoice: InvoiceRecord, daysOverdue: number, options?: EmitOptions) {
    return this.emit(
      'invoice.overdue',
      { ...invoiceFields(invoice), due_date: invoice.due_date, days_overdue: daysOverdue },
      options,
    );
  }

  invoiceCancelled(invoice: InvoiceRecord, reason?: string, options?: EmitOptions) {
    return this.emit(
      'invoice.cancelled',
      { ...invoiceFields(invoice), currency: invoice.currency, reason, cancelled_at: this.stamp() },
      options,
    );
  }

  // Payments

  paymentReceived(payment: PaymentRecord, options?: EmitOptions) {
    return this.emit(
      'payment.received',
      { ...paymentFields(payment), method: payment.method, received_at: payment.paid_at ?? this.stamp() },
      options,
    );
  }

  paymentFailed(payment: PaymentRecord, reason?: string, options?: EmitOptions) {
    return this.emit(
      'payment.failed',
      { ...paymentFields(payment), method: payment.method, reason, failed_at: this.stamp() },
      options,
    );
  }

  paymentRefunded(
    payment: PaymentRecord,
    refund: { id?: string; reason?: string } = {},
    options?: EmitOptions,
  ) {
    return this.emit(
      'payment.refunded',
      { ...paymentFields(payment), refund_id: refund.id, reason: refund.reason, refunded_at: this.stamp() },
      options,
    );
  }

  // Customers

  customerCreated(customer: CustomerRecord, options?: EmitOptions) {
    return this.emit(
      'customer.created',
      {
        customer,
        customer_id: customer.id,
        name: customer.name,
        email: customer.email,
        company: customer.company_name,
      },
      options,
    );
  }

  customerUpdated(customer: CustomerRecord, changedFields?: string[], options?: EmitOptions) {
    return this.emit(
      'customer.updated',
      {
        customer,
        customer_id: customer.id,
        name: customer.name,
        email: customer.email,
        company: customer.company_name,
        changed_fields: changedFields,
        updated_at: this.stamp(),
      },
      options,
    );
  }

  customerDeleted(customer: CustomerRecord, options?: EmitOptions) {
    return this.emit(
      'customer.deleted',
      {
        customer,
        customer_id: customer.id,
        name: customer.name,
        email: customer.email,
        deleted_at: this.stamp(),
      },
      options,
    );
  }

  // Projects

  projectCreated(project: ProjectRecord, options?: EmitOptions) {
    return this.emit(
      'project.created',
      {
        ...projectFields(project),
        status: project.status,
        start_date: project.start_date,
        due_date: project.due_date,
        budget: project.budget,
        currency: project.currency,
        created_at: this.stamp(),
      },
      options,
    );
  }

  projectStarted(project: ProjectRecord, options?: EmitOptions) {
    return this.emit(
      'project.started',
      { ...projectFields(project), due_date: project.due_date, started_at: this.stamp() },
      options,
    );
  }

  projectStatusChanged(project: ProjectRecord, oldStatus: string, newStatus: string, options?: EmitOptions) {
    return this.emit(
      'project.status_changed',
      { ...projectFields(project), old_status: oldStatus, new_status: newStatus, changed_at: this.stamp() },
      options,
    );
  }

  projectCompleted(project: ProjectRecord, options?: EmitOptions) {
    return this.emit('project.completed', { ...projectFields(project), completed_at: this.stamp() }, options);
  }

  projectOverdue(project: ProjectRecord & { due_date: string }, daysOverdue: number, options?: EmitOptions) {
    return this.emit(
      'project.overdue',
      {
        ...projectFields(project),
        status: project.status,
        due_date: project.due_date,
        days_overdue: daysOverdue,
      },
      options,
    );
  }

  // Tickets

  ticketCreated(ticket: TicketRecord, options?: EmitOptions) {
    return this.emit(
      'ticket.created',
      { ...ticketFields(ticket), description: ticket.description, priority: ticket.priority },
      options,
    );
  }

  ticketUpdated(ticket: TicketRecord, changedFields?: string[], options?: EmitOptions) {
    return this.emit(
      'ticket.updated',
      {
        ...ticketFields(ticket),
        status: ticket.status,
        priority: ticket.priority,
        changed_fields: changedFields,
        updated_at: this.stamp(),
      },
      options,
    );
  }

  ticketAssigned(
    ticket: TicketRecord,
    assignee: { id: string; email?: string },
    previousAssigneeId?: string,
    options?: EmitOptions,
  ) {
    return this.emit(
      'ticket.assigned',
      {
        ...ticketFields(ticket),
        assignee_id: assignee.id,
        assignee_email: assignee.email,
        previous_assignee_id: previousAssigneeId,
        assigned_at: this.stamp(),
      },
      options,
    );
  }

  ticketEscalated(
    ticket: TicketRecord,
    oldPriority: string,
    newPriority: string,
    reason?: string,
    options?: EmitOptions,
  ) {
    return this.emit(
      'ticket.escalated',
      {
        ...ticketFields(ticket),
        old_priority: oldPriority,
        new_priority: newPriority,
        reason: reason ?? null,
      },
      options,
    );
  }

  ticketResolved(ticket: TicketRecord, resolution?: string, resolvedBy?: string, options?: EmitOptions) {
    return this.emit(
      'ticket.resolved',
      { ...ticketFields(ticket), resolution, resolved_by: resolvedBy, resolved_at: this.stamp() },
      options,
    );
  }

  ticketClosed(ticket: TicketRecord, options?: EmitOptions) {
    return this.emit('ticket.closed', { ...ticketFields(ticket), closed_at: this.stamp() }, options);
  }

  // Quotes

  quoteCreated(quote: QuoteRecord, options?: EmitOptions) {
    return this.emit('quote.created', { ...quoteFields(quote), valid_until: quote.valid_until }, options);
  }

  quoteSent(quote: QuoteRecord, sentTo?: string, options?: EmitOptions) {
    return this.emit(
      'quote.sent',
      { ...quoteFields(quote), valid_until: quote.valid_until, sent_to: sentTo, sent_at: this.stamp() },
      options,
    );
  }

  quoteAccepted(quote: QuoteRecord, options?: EmitOptions) {
    return this.emit('quote.accepted', { ...quoteFields(quote), accepted_at: this.stamp() }, options);
  }

  quoteRejected(quote: QuoteRecord, reason?: string, options?: EmitOptions) {
    return this.emit('quote.rejected', { ...quoteFields(quote), reason, rejected_at: this.stamp() }, options);
  }

  quoteExpired(quote: QuoteRecord, options?: EmitOptions) {
    return this.emit(
      'quote.expired',
      { ...quoteFields(quote), valid_until: quote.valid_until, expired_at: this.stamp() },
      options,
    );
  }

  // Users

  userSignedUp(user: UserRecord, options?: EmitOptions) {
    return this.emit(
      'user.signed_up',
      { user, user_id: user.id, email: user.email, name: user.name, signed_up_at: this.stamp() },
      options,
    );
  }

  userLoggedIn(
    user: UserRecord,
    session: { ip_address?: string; user_agent?: string } = {},
    options?: EmitOptions,
  ) {
    return this.emit(
      'user.logged_in',
      { user, user_id: user.id, email: user.email, ...session, logged_in_at: this.stamp() },
      options,
    );
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

// The fields each family of emitters shares, as the seed's emitters repeat them.

function invoiceFields(invoice: InvoiceRecord) {
  return {
    invoice,
    invoice_id: invoice.id,
    invoice_number: invoice.number,
    customer_id: invoice.customer_id,
    amount: invoice.total,
  };
}

function paymentFields(payment: PaymentRecord) {
  return {
    payment,
    payment_id: payment.id,
    invoice_id: payment.invoice_id,
    customer_id: payment.customer_id,
    amount: payment.amount,
    currency: payment.currency,
  };
}

function projectFields(project: ProjectRecord) {
  return { project, project_id: project.id, project_name: project.name, customer_id: project.customer_id };
}

function ticketFields(ticket: TicketRecord) {
  return {
    ticket,
    ticket_id: ticket.id,
    ticket_number: ticket.number,
    subject: ticket.subject,
    customer_id: ticket.customer_id,
  };
}

function quoteFields(quote: QuoteRecord) {
  return {
    quote,
    quote_id: quote.id,
    quote_number: quote.number,
    customer_id: quote.customer_id,
    amount: quote.total,
    currency: quote.currency,
  };
}
