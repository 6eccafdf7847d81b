console.log('projector: not yet');
