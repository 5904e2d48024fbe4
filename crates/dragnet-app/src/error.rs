//! Why a use case did not do what it was asked: the edges turn these into their own answers.

use dragnet_domain::{FieldError, NoticeId};
use dragnet_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such thing, or one the caller may not know exists (another country's request).
    #[error("not found")]
    NotFound,
    /// The caller's role may not do this.
    #[error("{message}")]
    Forbidden { message: String, field: Option<&'static str> },
    /// The input does not read; the error names the field.
    #[error(transparent)]
    Invalid(#[from] FieldError),
    /// A subject lacks the minimum data a notice needs: nothing was submitted.
    #[error("{subject} ({notice}) lacks the minimum data a notice needs")]
    Incomplete { subject: String, notice: NoticeId, report: Box<dragnet_review::Report> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::Forbidden { message: message.into(), field: None }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;
