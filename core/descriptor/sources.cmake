target_sources(rbcore PRIVATE
  descriptor/DescriptorLimits.h
  descriptor/TextCodec.h descriptor/TextCodec.cpp
  descriptor/DocumentReader.h descriptor/DocumentReader.cpp
  descriptor/Ed25519Cert.h descriptor/Ed25519Cert.cpp
  descriptor/LinkSpecifier.h descriptor/LinkSpecifier.cpp
  descriptor/IntroPoint.h descriptor/IntroPoint.cpp
  descriptor/InnerLayer.h descriptor/InnerLayer.cpp
  descriptor/MiddleLayer.h descriptor/MiddleLayer.cpp
  descriptor/OuterLayer.h descriptor/OuterLayer.cpp
  descriptor/LayerCrypto.h descriptor/LayerCrypto.cpp
  descriptor/DescriptorBuilder.h descriptor/DescriptorBuilder.cpp
  descriptor/DescriptorDecoder.h descriptor/DescriptorDecoder.cpp
)
