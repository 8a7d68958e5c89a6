//! Reading tensors back to the host. Always asynchronous: synchronous reads panic in a browser.

use burn::tensor::{DType, Tensor};

use crate::proxy::error::ProxyError;

/// All elements of `t` as f64 (from an f32 or f64 tensor), row-major.
pub async fn read_f64<const D: usize>(t: Tensor<D>) -> Result<Vec<f64>, ProxyError> {
    let data = t.into_data_async().await.map_err(|e| ProxyError::Read(format!("{e:?}")))?;
    let read = |e: burn::tensor::DataError| ProxyError::Read(format!("{e:?}"));
    // `try_into_vec` hands over the buffer where it can and `as_slice` reads in place: no copy beyond
    // the one the result needs.
    match data.dtype() {
        DType::F64 => data.try_into_vec::<f64>().map_err(read),
        _ => Ok(data.convert::<f32>().as_slice::<f32>().map_err(read)?.iter().map(|&v| f64::from(v)).collect()),
    }
}

/// All elements of `t` as f32, row-major.
pub async fn read_f32<const D: usize>(t: Tensor<D>) -> Result<Vec<f32>, ProxyError> {
    let data = t.into_data_async().await.map_err(|e| ProxyError::Read(format!("{e:?}")))?;
    data.convert::<f32>().try_into_vec::<f32>().map_err(|e| ProxyError::Read(format!("{e:?}")))
}
